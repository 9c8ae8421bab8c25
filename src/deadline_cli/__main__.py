from deadline_cli.cli import main

main()
