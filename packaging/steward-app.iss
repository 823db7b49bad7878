; Inno Setup 6 script: a per-user Windows installer for the bundle that
; packaging/steward-app.spec builds in dist\steward-app. No administrator rights: it installs to
; %LOCALAPPDATA%\Programs\steward_app and writes only to HKEY_CURRENT_USER.
;
; On a Windows PC with Python 3.11+, Git Bash and Inno Setup 6, from the project folder:
;   bash packaging/build-bundle.sh
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\steward-app.iss
; gives dist\steward-app-0.1.0-setup.exe. AppVersion must be steward_app/__init__.py's version.
;
; Signed (SmartScreen warns on every unsigned copy): give ISCC a sign tool named "stewardsign"
; and /DSign; the certificate is the coalition's (a placeholder path here), e.g.
;   ISCC.exe /DAppVersion=0.1.0 /DSign "/Sstewardsign=signtool.exe sign /fd sha256
;     /tr http://timestamp.digicert.com /td sha256 /f C:\certs\coalition.pfx /p PASSWORD $f"
;     packaging\steward-app.iss
; Sign the programs inside the bundle first: STEWARD_APP_SIGN_CERT=C:\certs\coalition.pfx bash
; packaging/build-bundle.sh (docs/windows.md, "Deploying in an office").
;
; Silent install (an IT department's deployment, per user, no administrator):
;   steward-app-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /TASKS="tallyfiles,addtopath"
;
; Uninstalling removes the program, its shortcuts and the .tally file type; the steward's
; database, backups and logs (%LOCALAPPDATA%\steward_app) stay: nothing entered is ever lost.

#ifndef AppVersion
  #error Give the version: ISCC.exe /DAppVersion=X.Y.Z packaging\steward-app.iss
#endif
#define AppName "steward_app"
#define AppExe "steward-app.exe"
#define FileClass "StewardApp.TallyFile"

[Setup]
AppId={{6B0E3C52-8F4A-4D1E-9A57-2C61D0B7E4F3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Offline tally of a contract ratification vote across a coalition of unions
; per user: no UAC prompt, and {autopf} is %LOCALAPPDATA%\Programs
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=steward-app-{#AppVersion}-setup
SetupIconFile=..\resources\icons\steward-app.ico
; the GPL-3.0 text, shown before installing (it asks nothing of the user who runs the program)
LicenseFile=..\LICENSE
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Explorer re-reads file types after install and uninstall
ChangesAssociations=yes
; an open window keeps its files in use: ask to close it before replacing them
CloseApplications=yes
; the task "addtopath" changes the user's PATH: running programs are told so
ChangesEnvironment=yes
; version information of the installer itself (Properties > Details)
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription={#AppName} installer
VersionInfoCopyright=GPL-3.0-or-later
#ifdef Sign
SignTool=stewardsign
SignedUninstaller=yes
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "tallyfiles"; Description: "Open .tally files from other PCs with {#AppName} (the window imports them)"; GroupDescription: "File types:"
Name: "addtopath"; Description: "Add the command line (steward-app-cli) to my PATH"; GroupDescription: "Command line:"; Flags: unchecked

[Files]
Source: "..\dist\steward-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; beside the programs as well as in _internal (where the About box names it), for whoever looks
Source: "..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion

[InstallDelete]
; an upgrade replaces the whole bundle: no module from an older version is left beside the new
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{#AppName} (demo vote)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon
; the console program (steward-app-cli.exe) is on no PATH by default: this opens a command
; prompt where it is, in the user's own folder, with its help shown
Name: "{autoprograms}\{#AppName} command prompt"; Filename: "{cmd}"; Parameters: "/k ""set ""PATH={app};%PATH%"" && steward-app-cli --help"""; WorkingDir: "{%USERPROFILE}"; Comment: "steward-app-cli: keys, accept, setup-change, declare and every other command"

[Registry]
; the .tally file type, for this user only (HKCU\Software\Classes). Opening a tally file runs
; `steward-app.exe FILE`: the window opens and imports it, showing what arrived or why it was
; refused, as File > Import results... does; when the window is already open on this PC's
; database, the new program hands the file to it and ends (steward_app/ui/single_instance.py).
; Several files selected at once start one program each: the window gathers them into one import.
Root: HKCU; Subkey: "Software\Classes\.tally"; ValueType: string; ValueName: ""; ValueData: "{#FileClass}"; Flags: uninsdeletevalue; Tasks: tallyfiles
Root: HKCU; Subkey: "Software\Classes\.tally"; ValueType: string; ValueName: "Content Type"; ValueData: "application/vnd.steward-app.tally+zip"; Flags: uninsdeletevalue; Tasks: tallyfiles
Root: HKCU; Subkey: "Software\Classes\{#FileClass}"; ValueType: string; ValueName: ""; ValueData: "{#AppName} tally file"; Flags: uninsdeletekey; Tasks: tallyfiles
Root: HKCU; Subkey: "Software\Classes\{#FileClass}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: tallyfiles
Root: HKCU; Subkey: "Software\Classes\{#FileClass}\shell\open"; ValueType: string; ValueName: ""; ValueData: "Import into {#AppName}"; Tasks: tallyfiles
Root: HKCU; Subkey: "Software\Classes\{#FileClass}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: tallyfiles

; the user's own PATH (HKCU\Environment), only with the task "addtopath"; taken out again on
; uninstall ([Code] below)
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NotOnPath(ExpandConstant('{app}')); Tasks: addtopath

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function PathHas(Path, Dir: string): Boolean;
begin
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') > 0;
end;

function NotOnPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
    Path := '';
  Result := not PathHas(Path, Dir);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Path, Dir: string;
  At: Integer;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
    exit;
  Dir := ExpandConstant('{app}');
  At := Pos(';' + Uppercase(Dir), Uppercase(Path));
  if At > 0 then
  begin
    Delete(Path, At, Length(Dir) + 1);
    RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path);
  end;
end;
