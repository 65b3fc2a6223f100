"""Reports of played games: the JSON record and the story in plain words."""
