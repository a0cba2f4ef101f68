"""`python -m editor` runs the same command line as `article-editor`."""

import sys

from editor.cli import main

sys.exit(main())
