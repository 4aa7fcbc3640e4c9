// The order form's on-screen keyboard: Qt Virtual Keyboard's Korean (두벌식) layout, English one touch away.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Rectangle {
    color: "#0d1117"

    InputPanel {
        objectName: "panel"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        active: true
    }

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["ko_KR", "en_US"]
        VirtualKeyboardSettings.locale = "ko_KR"
    }
}
