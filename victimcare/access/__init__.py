"""Who may see and do what (docs/adr/0031).

- capabilities.py: what each role may do, one table (`can(user, Capability.X)`); it needs only
  accounts, so every layer may ask it;
- gate.py: which records a user may see (`access_*_for_user`, `*_visible_to`), above the
  domain apps whose models it reads;
- decorators.py and navigation.py: the staff-page decorator and the menu, with the pages.
"""
