"""`python -m rejnistvo …`: the headless interface of SPEC.md section 6."""

import sys

from rejnistvo.cli import main

sys.exit(main(whole_process=True))
