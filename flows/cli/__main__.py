"""`python -m flows.cli …`: the `newsflow` command."""
from flows.cli.main import main

raise SystemExit(main())
