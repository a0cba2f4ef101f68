"""The page's way back to the editor: a QWebChannel with one object, through which preview.js says that
the user scrolled the page. Imported with the web view, when the preview starts."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice, QObject, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript

# The name preview.js looks the object up by (channel.objects.previewBridge).
BRIDGE_NAME = "previewBridge"
# Qt ships the page side of the channel as a resource of the QtWebChannel library.
CHANNEL_SCRIPT = ":/qtwebchannel/qwebchannel.js"


class PreviewBridge(QObject):
    """What the page may tell the editor; it can ask nothing and change nothing but the source's scroll."""

    user_scrolled = Signal(int)
    """The user scrolled the page; the file line now at its top (1 when the page is at its top)."""

    @Slot(int)
    def userScrolled(self, line: int) -> None:  # camelCase: the name preview.js calls
        """Called by preview.js, at most once per frame while the user scrolls."""
        if line > 0:
            self.user_scrolled.emit(line)


def attach_bridge(page: QWebEnginePage, bridge: PreviewBridge) -> QWebChannel:
    """Give `page` the channel script before its own script runs, and `bridge` as previewBridge."""
    source = QFile(CHANNEL_SCRIPT)
    if source.open(QIODevice.OpenModeFlag.ReadOnly):
        script = QWebEngineScript()
        script.setName("qwebchannel")
        script.setSourceCode(bytes(source.readAll().data()).decode("utf-8"))
        # Injected by the browser rather than by a <script> tag, so the page's CSP has nothing to allow.
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
        script.setRunsOnSubFrames(False)
        page.scripts().insert(script)
        source.close()
    channel = QWebChannel(page)
    channel.registerObject(BRIDGE_NAME, bridge)
    page.setWebChannel(channel)
    return channel
