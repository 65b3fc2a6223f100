"""Optional sound cues, made here from sine waves (no sound files to license).

Cues are short and quiet: a soft chime when a turn resolves, a low note when a complaint
arrives, a click for a choice. M mutes. With no audio device the game stays silent.
"""

from __future__ import annotations

import numpy as np
import pygame

RATE = 22050
_NOTES = {
    "choose": ((880.0, 0.05),),
    "turn": ((523.25, 0.09), (659.25, 0.09), (783.99, 0.14)),
    "complaint": ((196.0, 0.16), (164.81, 0.2)),
    "error": ((220.0, 0.08), (220.0, 0.08)),
}


def tone(notes: tuple[tuple[float, float], ...], volume: float = 0.18) -> np.ndarray:
    """A cue as 16-bit stereo samples: each (frequency, seconds) note with a soft fade."""
    parts = []
    for frequency, seconds in notes:
        t = np.arange(int(RATE * seconds)) / RATE
        envelope = np.minimum(1.0, np.minimum(t, seconds - t) * 40.0)
        parts.append(np.sin(2 * np.pi * frequency * t) * envelope)
    wave = np.concatenate(parts) * volume * 32767
    mono = wave.astype(np.int16)
    return np.column_stack((mono, mono))


class Sound:
    """Plays named cues; silent when muted or when there is no audio device."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._cues: dict[str, pygame.mixer.Sound] = {}
        self._ready = False

    def _prepare(self) -> bool:
        if self._ready:
            return bool(self._cues)
        self._ready = True
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=2)
            self._cues = {
                name: pygame.sndarray.make_sound(tone(notes)) for name, notes in _NOTES.items()
            }
        except pygame.error:
            self._cues = {}
        return bool(self._cues)

    def toggle(self) -> None:
        """M: mute or unmute."""
        self.enabled = not self.enabled

    def play(self, name: str) -> None:
        """Play a cue, if sound is on and there is a device."""
        if self.enabled and self._prepare():
            self._cues[name].play()
