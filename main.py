"""Start the program from a checkout: `python main.py [--db PATH] [--demo] [--portable]`.

`python main.py calc …` (a sub-command) runs the CLI instead; the PyInstaller bundle's
`Rejnistvo` executable is built from this file and behaves the same.
"""

from __future__ import annotations

import gc
import sys

if __name__ == "__main__":
    from rejnistvo.launch import wants_cli

    if wants_cli(sys.argv[1:]):  # a command: the window's start is not imported
        from rejnistvo.cli import main

        sys.exit(main(sys.argv[1:], whole_process=True))  # the command is the process
    # The start's imports (some 300 modules) make objects that live as long as the program
    # and no garbage cycles: the collector made 40 passes over them while importing (15–20
    # ms), so it waits, and what was imported is then frozen, out of its passes (a pass
    # right after would walk it all at once). The window's own start does the same.
    gc.disable()
    from rejnistvo.launch import window_start_imports

    window_start_imports()  # before the window's start: patterns it never uses wait
    from rejnistvo.ui.app import run

    gc.freeze()
    gc.enable()
    sys.exit(run())
