"""The screens: title, choose, saved games, play, debrief, and the overlays (help, confirm,
events, problems, rewind). Importing this package registers every one of them by name
(`ripple.ui.scene.named`), so scenes open each other through `App.open`."""

from ripple.ui.scenes import (  # noqa: F401  (imported to register the scenes)
    choose,
    debrief,
    overlay,
    play,
    saved,
    title,
    whatif,
)
