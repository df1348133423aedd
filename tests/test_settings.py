"""Settings: flag > environment > config file > default, and one clear line for bad input."""

import argparse

import pytest

from reader.settings import (
    Settings,
    SettingsError,
    add_arguments,
    add_harakat_arguments,
    config_path,
    from_arguments,
    resolve,
)


def write_config(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_config_file(tmp_path):
    settings = resolve(environ={}, config_file=tmp_path / "absent.toml")
    assert settings == Settings(bidi="app", shape=True, keyboard="any")
    assert settings.app_reorders and settings.app_shapes


def test_config_file_beats_default(tmp_path):
    path = write_config(tmp_path, 'bidi = "terminal"\nshape = false\nkeyboard = "macos"\n')
    assert resolve(environ={}, config_file=path) == Settings(bidi="terminal", shape=False, keyboard="macos")


def test_environment_beats_config_file(tmp_path):
    path = write_config(tmp_path, 'bidi = "terminal"\nshape = false\nkeyboard = "macos"\n')
    environ = {"READER_BIDI": "app", "READER_SHAPE": "yes", "READER_KEYBOARD": "windows"}
    assert resolve(environ=environ, config_file=path) == Settings(bidi="app", shape=True, keyboard="windows")


def test_flag_beats_environment(tmp_path):
    path = write_config(tmp_path, 'bidi = "app"\n')
    environ = {"READER_BIDI": "app", "READER_SHAPE": "1", "READER_KEYBOARD": "windows"}
    settings = resolve(bidi="terminal", shape=False, keyboard="linux", environ=environ, config_file=path)
    assert settings == Settings(bidi="terminal", shape=False, keyboard="linux")


def test_each_setting_resolves_on_its_own(tmp_path):
    path = write_config(tmp_path, 'keyboard = "linux"\n')
    settings = resolve(shape=False, environ={"READER_BIDI": "terminal"}, config_file=path)
    assert settings == Settings(bidi="terminal", shape=False, keyboard="linux")


def test_empty_environment_variable_is_unset(tmp_path):
    path = write_config(tmp_path, 'bidi = "terminal"\n')
    assert resolve(environ={"READER_BIDI": ""}, config_file=path).bidi == "terminal"


def test_terminal_mode_never_shapes():
    assert not Settings(bidi="terminal", shape=True).app_shapes
    assert not Settings(bidi="app", shape=False).app_shapes
    assert Settings(bidi="app", shape=False).app_reorders


def test_xdg_config_home_locates_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "reader" / "config.toml"
    (tmp_path / "reader").mkdir()
    (tmp_path / "reader" / "config.toml").write_text('bidi = "terminal"\n', encoding="utf-8")
    assert resolve(environ={}).bidi == "terminal"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('bidi = "rtl"\n', "bidi = 'rtl' is not one of: 'app', 'terminal'"),
        ("bidi = \n", "Invalid value (at line 1, column 8)"),
        ('colour = "red"\n', "unknown setting 'colour'"),
        ("shape = 1\n", "shape = 1 is not one of: true, false"),
        ('keyboard = "dvorak"\n', "keyboard = 'dvorak' is not one of"),
        # A TOML escape puts a real ESC in the value: the message must show it escaped.
        ('bidi = "\\u001b]2;x\\u0007"\n', "bidi = '\\x1b]2;x\\x07' is not one of"),
    ],
)
def test_bad_config_file_is_one_clear_line(tmp_path, text, expected):
    path = write_config(tmp_path, text)
    with pytest.raises(SettingsError) as error:
        resolve(environ={}, config_file=path)
    message = str(error.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message and "\x1b" not in message


def test_config_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'bidi = "\xff"\n')
    with pytest.raises(SettingsError, match="bad config file"):
        resolve(environ={}, config_file=path)


def test_config_path_that_is_a_directory(tmp_path):
    with pytest.raises(SettingsError, match="cannot read config file"):
        resolve(environ={}, config_file=tmp_path)


@pytest.mark.parametrize(
    ("name", "value"),
    [("READER_BIDI", "rtl"), ("READER_SHAPE", "maybe"), ("READER_KEYBOARD", "dvorak")],
)
def test_bad_environment_value(tmp_path, name, value):
    with pytest.raises(SettingsError, match=f"{name}='{value}' is not one of"):
        resolve(environ={name: value}, config_file=tmp_path / "absent.toml")


def test_command_line_options(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    environ = {"READER_BIDI": "terminal", "READER_KEYBOARD": "macos"}
    assert from_arguments(parser.parse_args([]), environ) == Settings(bidi="terminal", keyboard="macos")
    args = parser.parse_args(["--bidi", "app", "--no-shape", "--keyboard", "windows"])
    assert from_arguments(args, environ) == Settings(bidi="app", shape=False, keyboard="windows")
    with pytest.raises(SystemExit):
        parser.parse_args(["--bidi", "rtl"])


def test_justify_and_harakat_options(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    add_harakat_arguments(parser)
    environ = {"READER_JUSTIFY": "spaces", "READER_HARAKAT": "shadda"}
    assert from_arguments(parser.parse_args([]), environ) == Settings(justify="spaces", harakat="shadda")
    args = parser.parse_args(["--justify", "kashida", "--harakat", "all"])
    assert from_arguments(args, environ) == Settings(justify="kashida", harakat="all")
    assert from_arguments(parser.parse_args(["--drop-harakat"]), environ).harakat == "none"
    for bad in (["--drop-harakat", "--harakat", "all"], ["--justify", "full"]):
        with pytest.raises(SystemExit):
            parser.parse_args(bad)


def test_justify_and_harakat_resolve_like_the_others(tmp_path):
    path = write_config(tmp_path, 'justify = "spaces"\nharakat = "shadda"\n')
    assert resolve(environ={}, config_file=path) == Settings(justify="spaces", harakat="shadda")
    environ = {"READER_JUSTIFY": "kashida", "READER_HARAKAT": "none"}
    assert resolve(environ=environ, config_file=path) == Settings(justify="kashida", harakat="none")
    flags = resolve(justify="none", harakat="all", environ=environ, config_file=path)
    assert flags == Settings(justify="none", harakat="all")


@pytest.mark.parametrize(("name", "value"), [("READER_JUSTIFY", "full"), ("READER_HARAKAT", "some")])
def test_bad_justify_or_harakat_in_the_environment_is_one_line(tmp_path, name, value):
    with pytest.raises(SettingsError) as error:
        resolve(environ={name: value}, config_file=tmp_path / "absent.toml")
    assert str(error.value).startswith(f"{name}={value!r} is not one of") and "\n" not in str(error.value)
