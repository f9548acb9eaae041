"""``python -m bot.secretariat.report``: write the report (see the package docstring)."""

import sys

from bot.secretariat.report import main

sys.exit(main())
