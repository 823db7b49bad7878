"""Copy a chart, or save it as PNG, from its context menu (right click, or the menu key)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget


def add_chart_actions(chart: QWidget, name: str) -> None:
    chart.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_menu(at: QPoint) -> None:
        menu = QMenu(chart)
        menu.addAction(
            QCoreApplication.translate("chart_actions", "&Copy chart"), lambda: copy_chart(chart)
        )
        menu.addAction(
            QCoreApplication.translate("chart_actions", "&Save chart as PNG…"),
            lambda: save_chart(chart, name),
        )
        menu.exec(chart.mapToGlobal(at))

    chart.customContextMenuRequested.connect(show_menu)


def copy_chart(chart: QWidget) -> None:
    QGuiApplication.clipboard().setImage(chart.grab().toImage())


def save_chart(chart: QWidget, name: str) -> None:
    path, _ = QFileDialog.getSaveFileName(
        chart,
        QCoreApplication.translate("chart_actions", "Save chart"),
        f"{name}.png",
        QCoreApplication.translate("chart_actions", "PNG (*.png)"),
    )
    if path and not chart.grab().toImage().save(path, b"PNG"):
        QMessageBox.warning(
            chart,
            QCoreApplication.translate("chart_actions", "steward_app"),
            QCoreApplication.translate(
                "chart_actions", "Could not write {path}; choose another place."
            ).format(path=path),
        )
