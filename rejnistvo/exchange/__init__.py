"""Case exchange between a centre and its subgroup coordinator (issue 6). No Qt here.

* package.py — the file: `build_package(...)`, `read_package(source, passphrase,
  expected_kind=, expected_subgroups=) -> PackageContents` (opens and checks, writes
  nothing), `suggested_file_name(kind, case_no)`, `PACKAGE_SUFFIX` (".rejpaket")
* crypto.py — the envelope: scrypt + AES-256-GCM, readable authenticated header
* cases.py — with the store: `export_proposal(db, case_id, passphrase, out)`,
  `export_resolution(db, case_id, passphrase, out)`, `preview_import(db, source,
  passphrase, kind=, subgroups=) -> ImportPreview`, `apply_import(db, preview) -> ImportResult`
* links.py — the case UUID (``r4_cases.case_uuid``) that identifies a case in both files
* package_times.py — which of two packages of a case is newer (``package_created_at``)
* resolutions.py — a resolution's decision as the case keeps it; a corrected one taken over
* errors.py — `PackageError` (an InputError with a Slovenian message)
"""
