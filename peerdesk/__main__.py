from peerdesk.cli import main

raise SystemExit(main())
