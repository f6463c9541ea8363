; Inno Setup script: installer for the Windows bundle (dist\dume), with file associations.
; Build on Windows after pyinstaller packaging\dume-windows.spec:  iscc packaging\windows\dume.iss
#define AppName "DUME"
#define AppVersion "0.1.0"

[Setup]
AppId={{6C1E2A51-4F0B-4E7E-9B3C-2D5E1A7F0D10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=DUME Desktop contributors
DefaultDirName={autopf}\DUME
DefaultGroupName=DUME
OutputDir=..\..\dist
OutputBaseFilename=dume-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
ChangesAssociations=yes
PrivilegesRequiredOverridesAllowed=dialog

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\dume\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\DUME"; Filename: "{app}\dume.exe"
Name: "{autodesktop}\DUME"; Filename: "{app}\dume.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Registry]
; .p7s and .asice open with DUME (verification); .xml is only offered in « Ouvrir avec ».
Root: HKA; Subkey: "Software\Classes\DUME.Signature"; ValueType: string; ValueData: "Signature électronique"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\DUME.Signature\DefaultIcon"; ValueType: string; ValueData: "{app}\dume.exe,0"
Root: HKA; Subkey: "Software\Classes\DUME.Signature\shell\open\command"; ValueType: string; ValueData: """{app}\dume.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.p7s\OpenWithProgids"; ValueType: string; ValueName: "DUME.Signature"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.asice\OpenWithProgids"; ValueType: string; ValueName: "DUME.Signature"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\DUME.Document"; ValueType: string; ValueData: "Document DUME"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\DUME.Document\shell\open\command"; ValueType: string; ValueData: """{app}\dume.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.xml\OpenWithProgids"; ValueType: string; ValueName: "DUME.Document"; ValueData: ""; Flags: uninsdeletevalue

[Run]
Filename: "{app}\dume.exe"; Description: "{cm:LaunchProgram,DUME}"; Flags: nowait postinstall skipifsilent
