"""The line editor for typed replies."""

from __future__ import annotations

import re

import pygame

from simulator.i18n import _
from simulator.ui import theme
from simulator.ui.text import NOSPACE, Clip, fit_line, render, wrap_spans

# --- text input ---------------------------------------------------------------------------------


class TextInput:
    """A line editor for typed replies: any script via TEXTINPUT (IME included), Backspace,
    Ctrl+Backspace (word), Left/Right/Home/End, Enter submits, Escape cancels."""

    def __init__(self, placeholder: str | None = None, max_chars: int = 1000) -> None:
        self.placeholder = placeholder or _("Type your reply\u2026")
        self.max_chars = max_chars
        self.text = ""
        self.caret = 0
        self.composition = ""  # IME pre-edit text, shown underlined at the caret
        self.active = True
        self.cancelled = False
        self._ime_rect: pygame.Rect | None = None

    def start(self, text: str = "") -> None:
        """Reset and activate; also turns on SDL text input (IME) if a display exists."""
        self.text, self.caret, self.composition = text, len(text), ""
        self.active, self.cancelled = True, False
        if pygame.display.get_init():
            pygame.key.start_text_input()

    def stop(self) -> None:
        self.active = False
        self.composition = ""
        if pygame.display.get_init():
            pygame.key.stop_text_input()

    def _insert(self, s: str) -> None:
        s = "".join(c for c in s if c.isprintable() or c == " ")
        s = s[: max(0, self.max_chars - len(self.text))]
        self.text = self.text[: self.caret] + s + self.text[self.caret :]
        self.caret += len(s)

    def _delete_word(self) -> None:
        i = self.caret
        while i > 0 and self.text[i - 1].isspace():
            i -= 1
        if i > 0 and re.match(rf"[{NOSPACE}]", self.text[i - 1]):
            while i > 0 and re.match(rf"[{NOSPACE}]", self.text[i - 1]):
                i -= 1
        else:
            while (
                i > 0
                and not self.text[i - 1].isspace()
                and not re.match(rf"[{NOSPACE}]", self.text[i - 1])
            ):
                i -= 1
        self.text = self.text[:i] + self.text[self.caret :]
        self.caret = i

    def handle(self, event: pygame.event.Event) -> str | None:
        """Feed one event; returns the submitted text on Enter, otherwise None."""
        if not self.active:
            return None
        if event.type == pygame.TEXTINPUT:
            self.composition = ""
            self._insert(event.text)
        elif event.type == pygame.TEXTEDITING:
            self.composition = event.text
        elif event.type == pygame.KEYDOWN:
            key, mod = event.key, getattr(event, "mod", 0)
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if self.composition:
                    return None  # Enter confirms the IME composition, not the reply
                submitted = self.text.strip()
                if not submitted:
                    return None
                self.text, self.caret = "", 0
                return submitted
            if key == pygame.K_ESCAPE:
                if self.composition:
                    self.composition = ""
                    return None
                self.cancelled, self.active = True, False
                return None
            if key == pygame.K_BACKSPACE and self.caret > 0:
                if mod & pygame.KMOD_CTRL:
                    self._delete_word()
                else:
                    self.text = self.text[: self.caret - 1] + self.text[self.caret :]
                    self.caret -= 1
            elif key == pygame.K_DELETE:
                self.text = self.text[: self.caret] + self.text[self.caret + 1 :]
            elif key == pygame.K_LEFT:
                self.caret = max(0, self.caret - 1)
            elif key == pygame.K_RIGHT:
                self.caret = min(len(self.text), self.caret + 1)
            elif key == pygame.K_HOME:
                self.caret = 0
            elif key == pygame.K_END:
                self.caret = len(self.text)
        return None

    def draw(
        self, surface: pygame.Surface, rect: pygame.Rect, font: pygame.font.Font, t: float
    ) -> None:
        """The box with wrapped text (scrolled to the caret), placeholder and a blinking caret."""
        rect = pygame.Rect(rect)
        if self.active and rect != self._ime_rect and pygame.display.get_init():
            pygame.key.set_text_input_rect(rect)  # IME candidate window next to the box
            self._ime_rect = rect
        theme.draw_panel(
            surface, rect, border=theme.ACCENT if self.active else theme.BORDER, shadow=False
        )
        if self.active:
            pygame.draw.rect(surface, theme.ACCENT, rect, 2, border_radius=theme.radius(rect))
        pad = max(4, font.get_height() // 2)
        inner = rect.inflate(-2 * pad, -2 * pad)
        shown = self.text[: self.caret] + self.composition + self.text[self.caret :]
        caret = self.caret + len(self.composition)
        step = font.get_linesize()
        with Clip(surface, inner):
            if not shown:
                surface.blit(
                    render(fit_line(self.placeholder, font, inner.w), font, theme.INK_HINT),
                    inner.topleft,
                )
                spans: tuple[tuple[int, int], ...] = ((0, 0),)
            else:
                spans = wrap_spans(shown, font, max(1, inner.w - 2))
            visible = max(1, inner.h // step)
            cl = next((i for i, (s, e) in enumerate(spans) if s <= caret <= e), len(spans) - 1)
            first = (
                max(0, min(cl - visible + 1, len(spans) - visible)) if len(spans) > visible else 0
            )
            first = min(first, cl)
            for row, (s, e) in enumerate(spans[first : first + visible]):
                y = inner.y + row * step
                if shown:
                    surface.blit(render(shown[s:e], font, theme.INK), (inner.x, y))
                if self.composition and s <= self.caret < e + 1:
                    cs, ce = max(s, self.caret), min(e, self.caret + len(self.composition))
                    x0 = inner.x + font.size(shown[s:cs])[0]
                    x1 = inner.x + font.size(shown[s:ce])[0]
                    pygame.draw.line(
                        surface, theme.ACCENT, (x0, y + step - 2), (x1, y + step - 2), 2
                    )
            if self.active and (t % 1.0) < 0.55:
                s, e = spans[cl]
                x = inner.x + (font.size(shown[s:caret])[0] if shown else 0)
                y = inner.y + (cl - first) * step
                pygame.draw.line(
                    surface, theme.INK, (x, y + 2), (x, y + step - 2), max(1, step // 14)
                )
