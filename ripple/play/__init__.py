"""A game being played: the session that owns it (the only way any front end, the window or
another, changes it), its saves, the autosaves as they are listed, the record of games
played, and the atomic writer they share."""
