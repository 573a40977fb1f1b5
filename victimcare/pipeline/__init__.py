"""The wiring above the domain apps: what follows an event and a change to a person.

The lists are in order.py; apps.py installs them into cases and people at start-up
(docs/adr/0030). Nothing below imports this package.
"""
