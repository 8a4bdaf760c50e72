"""Allow ``python -m cnreport``."""

from cnreport.run.cli import main

raise SystemExit(main())
