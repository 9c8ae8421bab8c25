from deadline_cli.entry import main

main()
