; Inno Setup script: a per-user installer of the bundle made by packaging/build.py.
; Build on Windows, after `python packaging\build.py`:  iscc packaging\rejnistvo.iss
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
DefaultDirName={localappdata}\Programs\Rejnistvo
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
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

[Files]
Source: "..\dist\Rejnistvo\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\Rejnistvo.exe"
Name: "{group}\Odstrani {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\Rejnistvo.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Rejnistvo.exe"; Description: "Zaženi {#AppName}"; Flags: nowait postinstall skipifsilent
