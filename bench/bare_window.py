"""A bare PySide6 window, bundled with PyInstaller (packaging/bare-window.spec) as the baseline
for bench/bench_bundle.py: the window bench/bench_window.py's BARE shows, in a frozen program."""

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1366, 740)
    window.show()
    sys.exit(app.exec())
