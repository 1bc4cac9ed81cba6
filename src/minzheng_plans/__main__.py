"""``python -m minzheng_plans`` runs the command line."""

from minzheng_plans.cli.app import main

main()
