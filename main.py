"""Start the program from a checkout: `python main.py [--db PATH] [--demo] [--portable]`.

`python main.py calc …` (a sub-command) runs the CLI instead; the PyInstaller bundle's
`Rejnistvo` executable is built from this file and behaves the same.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from rejnistvo.launch import start

    sys.exit(start())
