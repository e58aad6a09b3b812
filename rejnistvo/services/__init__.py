"""Application services: one function per use case, between ``ui``/``cli`` and
``store``/``rules``. No Qt here.

Each service

* takes the open database (``StoreDatabase``) and, where it needs a day, a ``Clock``
  (``rejnistvo.clock``) — never ``date.today()``;
* takes and returns typed records (dataclasses), converted once at the store boundary;
* checks its input and raises ``InputError`` (naming the field, Slovenian message) or
  ``StoreError`` before anything is written;
* owns its transaction: everything it writes is one ``db.atomic()`` with its audit rows;
* refuses a save whose record ``version`` is older than the stored one
  (``StaleRecordError``, which says who changed what and when).

The window and the CLI call the same functions; neither holds SQL or a business rule.
"""
