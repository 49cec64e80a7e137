"""Staff accounts: users, roles and permissions, password hashing and sign-in limits."""
