"""Drivers and oracles for the tests (and the benchmarks): a real tmux terminal, a real sshd on
127.0.0.1, GNU FriBidi and the Unicode data as independent oracles, small documents worked out by
hand. Tests import these, never each other."""
