; Inno Setup script for pmdesk on Windows (Inno Setup 6).
;
; Build the bundle first with the same spec as every OS, then this installer:
;   python installer\build.py          (runs PyInstaller, then iscc if it is on PATH)
; or by hand:
;   iscc /DAppVersion=0.1.0 installer\windows\pmdesk.iss
; The result is dist\pmdesk-VERSION-setup.exe. Without /DAppVersion the version is
; read from dist\pmdesk\pmdesk.exe, whose version resource the spec writes from
; src\pmdesk\_version.py, so the installer and `pmdesk --version` always agree.
;
; Reviews live in %LOCALAPPDATA%\pmdesk (platformdirs), never under Program Files:
; uninstalling removes the program and keeps them.

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist"
#endif
#define BundleDir AddBackslash(DistDir) + "pmdesk"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AddBackslash(BundleDir) + "pmdesk.exe", "ProductVersion")
#endif

[Setup]
AppId={{6B0F3C2E-52D4-4E7B-9C61-5D1A2F9E8B47}
AppName=pmdesk
AppVersion={#AppVersion}
AppVerName=pmdesk {#AppVersion}
AppPublisher=pmdesk contributors
AppComments=Blameless post-incident reviews: draft, run the meeting, publish reports.
DefaultDirName={autopf}\pmdesk
DefaultGroupName=pmdesk
DisableProgramGroupPage=yes
; Per-user install by default (no administrator needed); the dialog offers all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#DistDir}
OutputBaseFilename=pmdesk-{#AppVersion}-setup
SetupIconFile={#SourcePath}pmdesk.ico
UninstallDisplayIcon={app}\pmdesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "Open .pmreview files with pmdesk"; GroupDescription: "Files:"

[Files]
; The whole one-folder bundle: pmdesk.exe (windowed), pmdesk-cli.exe (console) and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\pmdesk"; Filename: "{app}\pmdesk.exe"; Comment: "Blameless post-incident reviews"
Name: "{autodesktop}\pmdesk"; Filename: "{app}\pmdesk.exe"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install and HKLM for an all-users one.
Root: HKA; Subkey: "Software\Classes\.pmreview"; ValueType: string; ValueName: ""; ValueData: "pmdesk.review"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.pmreview"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-pmreview"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\pmdesk.review"; ValueType: string; ValueName: ""; ValueData: "pmdesk review"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\pmdesk.review\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\pmdesk.exe,0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\pmdesk.review\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\pmdesk.exe"" open ""%1"""; Tasks: associate

[Run]
Filename: "{app}\pmdesk.exe"; Description: "{cm:LaunchProgram,pmdesk}"; Flags: nowait postinstall skipifsilent
