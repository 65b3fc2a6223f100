"""The app: the window, the one frame loop that owns time, and the stack of scenes."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import pygame

from ripple.ui import intents
from ripple.ui.input import Pointer, translate
from ripple.ui.scene import SCENES, Scene
from ripple.ui.sound import Sound
from ripple.ui.theme import Theme

FPS = 60

WINDOW = (1280, 720)
"""The window's size when none is asked for and the screen has room for it."""

DESKTOP_MARGIN = (40, 96)
"""Desktop room a default window leaves free (width, height): its frame and title bar, and
a taskbar or panel."""

HEADLESS_DRIVERS = ("dummy", "offscreen")
"""SDL video drivers with no real screen: their desktop size means nothing."""


def default_window_size(desktop: tuple[int, int] | None) -> tuple[int, int]:
    """The window's size when none is asked for, on a desktop of the given size: WINDOW when
    it fits with DESKTOP_MARGIN to spare, else the largest window that does (a 1024x768
    projector gets 984x672). With no desktop to fit (None: a headless driver), WINDOW."""
    if desktop is None:
        return WINDOW
    width = min(WINDOW[0], desktop[0] - DESKTOP_MARGIN[0])
    height = min(WINDOW[1], desktop[1] - DESKTOP_MARGIN[1])
    return max(1, width), max(1, height)


class App:
    """Owns the window and the scene stack; `run()` plays, `step()` advances one frame."""

    def __init__(
        self,
        size: tuple[int, int] | None = None,
        *,
        projector: bool = False,
        fullscreen: bool = False,
        sound: bool = True,
    ) -> None:
        sys.setswitchinterval(0.001)  # a turn resolving aside never waits long for its turn
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("The Ripple Effect")
        self.fullscreen = fullscreen
        if size is None:
            # Read before the window opens; headless, keep WINDOW so pictures stay comparable.
            desktops = pygame.display.get_desktop_sizes()
            headless = pygame.display.get_driver() in HEADLESS_DRIVERS
            size = default_window_size(None if headless or not desktops else desktops[0])
        self.windowed_size = size
        self.screen = self._open(self.windowed_size)
        self.theme = Theme(self.screen.get_height(), projector=projector)
        self.theme.warm()
        self._layers: dict[str, pygame.Surface] = {}
        self.layer("still")
        self.projector = projector
        self.sound = Sound(enabled=sound)
        self.scenes: list[Scene] = []
        self.pointer = Pointer()
        self.running = True
        self.clock = pygame.time.Clock()
        self.frame_seconds = 0.0

    def _open(self, size: tuple[int, int]) -> pygame.Surface:
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    @property
    def size(self) -> tuple[int, int]:
        """The window's size in pixels."""
        return self.screen.get_size()

    @property
    def top(self) -> Scene | None:
        """The scene that gets the intents."""
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        """Put a scene on top of the stack."""
        if self.top:
            self.top.pause()
        self.scenes.append(scene)
        scene.enter()

    def pop(self) -> None:
        """Remove the top scene; with none left, the app stops."""
        self.scenes.pop().exit()
        if self.top:
            self.top.resume()
        else:
            self.running = False

    def open(self, name: str, *args: Any, **options: Any) -> Scene:
        """Push the scene registered as `name` (title, choose, saved, play, debrief, help,
        confirm, event, problems, rewind), made with `args` and `options`."""
        import ripple.ui.scenes  # noqa: F401  (registers every scene; loaded once, when needed)

        scene = SCENES[name](self, *args, **options)
        self.push(scene)
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for another."""
        self.scenes.pop().exit()
        self.scenes.append(scene)
        scene.enter()

    def resize(self, size: tuple[int, int]) -> None:
        """Adapt to a new window size: a new theme, every scene laid out again."""
        if not self.fullscreen:
            self.windowed_size = size
            self.screen = self._open(size)
        self.theme = Theme(self.screen.get_height(), projector=self.projector)
        self.theme.warm()
        self._layers.clear()
        self.layer("still")
        for scene in self.scenes:
            scene.layout(self.size)

    LAYERS = ("backdrop", "still", "panels")
    """Window-sized surfaces the scenes draw into and keep (made before they are needed)."""

    def layer(self, name: str) -> pygame.Surface:
        """A window-sized surface kept for `name`: made once per window size, because making
        one takes longer than drawing a whole frame."""
        if not self._layers:
            for known in self.LAYERS:
                surface = pygame.Surface(self.size)
                surface.fill((0, 0, 0))
                self._layers[known] = surface
        if name not in self._layers:
            self._layers[name] = pygame.Surface(self.size)
        return self._layers[name]

    def toggle_fullscreen(self) -> None:
        """F11: fullscreen on or off."""
        self.fullscreen = not self.fullscreen
        self.screen = self._open(self.windowed_size)
        self.resize(self.size)

    def send(self, intent: intents.Intent) -> None:
        """Deal with app-wide intents here; pass the rest to the top scene."""
        top = self.top
        if (
            top is not None
            and getattr(top, "typing", False)
            and not isinstance(intent, (intents.Quit, intents.Resize))
        ):
            top.handle(intent)
        elif isinstance(intent, intents.Quit):
            self.running = False
        elif isinstance(intent, intents.Resize):
            if intent.size != self.size:
                self.resize(intent.size)
        elif isinstance(intent, intents.Fullscreen):
            self.toggle_fullscreen()
        elif isinstance(intent, intents.Mute):
            self.sound.toggle()
        elif isinstance(intent, intents.Help) and not getattr(self.top, "is_help", False):
            self.open("help")
        elif self.top:
            self.top.handle(intent)

    def step(self, dt: float) -> None:
        """One frame: read input, update the top scene, draw the visible scenes."""
        started = time.perf_counter()
        for event in pygame.event.get():
            intent = translate(event, self.pointer)
            if intent is not None:
                self.send(intent)
            if not self.running:
                return
        if self.top:
            self.top.update(dt)
        self.draw()
        self.frame_seconds = time.perf_counter() - started

    def draw(self) -> None:
        """Draw the top scene; under an overlay, the paused scenes below are drawn once,
        dimmed, and kept as its backdrop."""
        top = self.top
        if top is None:
            return
        if not top.opaque:
            if top.backdrop is None or top.backdrop.get_size() != self.size:
                backdrop = self.layer("backdrop")
                for scene in self.scenes[:-1]:
                    scene.draw(backdrop)
                backdrop.fill((85, 85, 85), special_flags=pygame.BLEND_RGB_MULT)
                top.backdrop = backdrop
            self.screen.blit(top.backdrop, (0, 0))
        top.draw(self.screen)

    def run(self, on_frame: Callable[[App], None] | None = None) -> None:
        """Play until the last scene is closed or the window is."""
        while self.running:
            dt = self.clock.tick(FPS) / 1000.0
            self.step(min(dt, 0.1))
            if on_frame:
                on_frame(self)
            pygame.display.flip()
        pygame.display.quit()

    def background(self) -> list[Future[Any]]:
        """Work any scene on the stack started aside from drawing and has not picked up."""
        return [future for scene in self.scenes for future in scene.background()]

    def save_png(self, path: str) -> None:
        """Save what the window shows now."""
        pygame.image.save(self.screen, path)
