import sys

from mps.cli import main

sys.exit(main())
