"""The screens: title, choose, play, debrief, and the help and confirm overlays."""
