"""Checking plans: the rule runner, configuration and policy, discovery and locating findings."""
