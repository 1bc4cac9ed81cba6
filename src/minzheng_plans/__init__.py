"""minzheng_plans: typed, unit-aware civil-affairs development plans (民政事业发展规划)."""
