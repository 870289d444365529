#!/bin/sh
# Install pmdesk from the unpacked Linux tarball, with a menu entry and icon.
#
#   ./install.sh                      for you only: ~/.local/lib/pmdesk, ~/.local/bin/pmdesk
#   sudo ./install.sh --prefix /usr/local     for everyone on this computer
#   ./install.sh --uninstall [--prefix P]     remove it again (your reviews stay)
#
# Your reviews live in your data folder (~/.local/share/pmdesk), never here:
# installing, upgrading or removing the app does not touch them.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=""
uninstall=no
while [ "$#" -gt 0 ]; do
    case "$1" in
        --prefix) [ "$#" -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
                  prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --uninstall) uninstall=yes; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

if [ -z "$prefix" ]; then
    prefix="$HOME/.local"
    share="${XDG_DATA_HOME:-$HOME/.local/share}"
else
    share="$prefix/share"
fi
case "$prefix" in
    /*) ;;
    *) prefix="$(pwd)/$prefix"; case "$share" in /*) ;; *) share="$(pwd)/$share" ;; esac ;;
esac
nl='
'
case "$prefix$share" in
    *"$nl"*) echo "install.sh: the folder name has a line break; a menu entry cannot hold it" >&2
             exit 2 ;;
esac

app="$prefix/lib/pmdesk"
bin="$prefix/bin"
desktop="$share/applications/pmdesk.desktop"
mime="$share/mime/packages/pmdesk.xml"
sizes="16 24 32 48 64 128 256 512"

refresh() {
    # Menus pick the entry up without these on most desktops; they only speed it up.
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$share/applications" 2>/dev/null || true
    command -v update-mime-database >/dev/null 2>&1 \
        && update-mime-database "$share/mime" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
}

if [ "$uninstall" = yes ]; then
    rm -rf "$app"
    [ -L "$bin/pmdesk" ] && rm -f "$bin/pmdesk"
    rm -f "$desktop" "$mime" "$share/icons/hicolor/scalable/apps/pmdesk.svg"
    for s in $sizes; do rm -f "$share/icons/hicolor/${s}x${s}/apps/pmdesk.png"; done
    refresh
    echo "pmdesk removed from $prefix (your reviews in your data folder are kept)"
    exit 0
fi

[ -x "$here/pmdesk/pmdesk" ] || { echo "install.sh: run me from the unpacked tarball" >&2; exit 1; }

# A menu entry's Exec= quotes its program: \ " ` $ get a backslash inside double
# quotes, then every backslash is doubled again for the .desktop string, % becomes %%.
exec_arg=$(printf '%s' "$app/pmdesk-launch" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')

mkdir -p "$prefix/lib" "$bin" "$share/applications" "$share/mime/packages" \
    "$share/icons/hicolor/scalable/apps"
rm -rf "$app.new"
cp -R "$here/pmdesk" "$app.new"
rm -rf "$app"
mv "$app.new" "$app"
ln -sfn "$app/pmdesk" "$bin/pmdesk"

EXEC_LINE="Exec=\"$exec_arg\" %f" awk '
    /^Exec=/ { print ENVIRON["EXEC_LINE"]; next }
    /^TryExec=/ { next }
    { print }
' "$here/share/applications/pmdesk.desktop" > "$desktop.new"
mv "$desktop.new" "$desktop"
cp "$here/share/mime/packages/pmdesk.xml" "$mime"
cp "$here/share/icons/hicolor/scalable/apps/pmdesk.svg" "$share/icons/hicolor/scalable/apps/"
for s in $sizes; do
    mkdir -p "$share/icons/hicolor/${s}x${s}/apps"
    cp "$here/share/icons/hicolor/${s}x${s}/apps/pmdesk.png" "$share/icons/hicolor/${s}x${s}/apps/"
done
refresh

echo "pmdesk installed in $app"
echo "Start it from your menu, or run: $bin/pmdesk"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "($bin is not on your PATH; add it to run 'pmdesk' by name)" ;;
esac
