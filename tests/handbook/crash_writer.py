"""Child process for the crash test: adds bookmarks in a loop, printing each committed id.

Usage: python -m tests.handbook.crash_writer DB_FILE CONTENT_DB. Killed with SIGKILL by the test.
"""

import sys
from pathlib import Path

from handbook.bookmarks import Bookmarks
from handbook.store import Store
from handbook.userdb import UserDB


def main() -> None:
    store = Store(Path(sys.argv[2]))
    keys = [r["key"] for r in store.clause_rows()][:400]
    marks = Bookmarks(UserDB(Path(sys.argv[1])), store)
    i = 0
    while True:
        b = marks.add(keys[i % len(keys)], note=f"note {i} 绿电", folders=[f"folder {i % 3}"])
        marks.set_note(b.id, f"note {i} edited")
        sys.stdout.write(f"{b.uid}\n")  # only after commit returned
        sys.stdout.flush()
        i += 1


if __name__ == "__main__":
    main()
