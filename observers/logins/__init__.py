"""Password logins, web and phone, kept open on election day and closed to guessing.

Only failures count. Repeated wrong passwords lock a username wherever they come from (django-axes, in the
database); many failures from one address slow that address down (a password spray), while any number of
observers behind one hotel Wi-Fi or carrier NAT log in as long as they type their passwords right.
"""
