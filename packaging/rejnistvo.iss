; Inno Setup script: a per-user installer of the bundle made by packaging/build.py.
; Build on Windows, after `python packaging\build.py` (it prints this line with the version):
;   iscc /DAppVersion=<version> packaging\rejnistvo.iss
; Installs into %LOCALAPPDATA%\Programs\Rejnistvo without administrator rights; the data
; stays in the user's folders (see README, "Namestitev za uporabnike") and survives an
; uninstall or an update.

#define AppName "Rejništvo"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1E3F0A-7B1D-4E7A-9C52-5A0F3E6B2D41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Rejništvo
; Per user only, never asking (a clerk has no administrator rights, and an "install for
; all users" choice would put the program in Program Files, which the portable mode
; cannot write to). {autopf} is then %LOCALAPPDATA%\Programs.
DefaultDirName={autopf}\Rejnistvo
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=Rejnistvo-{#AppVersion}-namestitev
SetupIconFile=..\resources\icons\rejnistvo.ico
UninstallDisplayIcon={app}\Rejnistvo.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "sl"; MessagesFile: "compiler:Languages\Slovenian.isl"

[Tasks]
Name: "desktopicon"; Description: "Ikona na namizju"; GroupDescription: "Bližnjice:"

[InstallDelete]
; An update replaces the program's library folder whole: files an older version had and
; this one has not (other Qt or Python modules) must not stay behind and be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\Rejnistvo\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Started in Documents ({userdocs}: also when OneDrive has moved it), not in the program's
; folder, should anything ever use the working folder.
Name: "{group}\{#AppName}"; Filename: "{app}\Rejnistvo.exe"; WorkingDir: "{userdocs}"
Name: "{group}\Odstrani {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Rejnistvo.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\Rejnistvo.exe"; Description: "Zaženi {#AppName}"; Flags: nowait postinstall skipifsilent
