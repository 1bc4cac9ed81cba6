"""Analysis of loaded plans: compare, diff, evaluate against monitoring values, export."""
