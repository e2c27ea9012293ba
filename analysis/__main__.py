"""``python -m analysis``: the same program as the ``presslens`` command."""

from .cli import main

raise SystemExit(main())
