"""Allow ``python -m cnreport``."""

from cnreport.cli import main

raise SystemExit(main())
