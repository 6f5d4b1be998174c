"""``python -m journeysite``: the same as the ``journeysite`` command."""
from journeysite.cli import main

raise SystemExit(main())
