; Inno Setup script: a per-user Windows installer (no administrator rights) for the one-folder
; bundle that resources/packaging/build.py makes with PyInstaller. Build on Windows with
;     python resources\packaging\build.py
;     iscc /DAppVersion=0.1.0 resources\packaging\timeline-explorer.iss
; Silent install (what the release workflow does):  TimelineExplorer-...-setup.exe /VERYSILENT
; The uninstaller removes the program folder and the shortcuts; the user's store and settings
; in %LOCALAPPDATA%\timeline-explorer stay (an upgrade or reinstall finds them again).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Timeline Explorer"
#define AppExe "timeline-explorer.exe"
#define Bundle "out\dist\timeline-explorer"

[Setup]
; the reverse-DNS application id, as everywhere else (desktop file, metainfo, Qt)
AppId=org.timelineexplorer.TimelineExplorer
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Timeline Explorer developers
AppPublisherURL=https://github.com/timelineexplorer/timeline-explorer
; per-user: {autopf} is %LOCALAPPDATA%\Programs when no administrator rights are asked for
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
LicenseFile=..\..\LICENSE
SetupIconFile=..\icons\org.timelineexplorer.TimelineExplorer.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=out
OutputBaseFilename=TimelineExplorer-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; close a running copy before files are replaced
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "NATO-Afghanistan relations on a zoomable timeline"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python may write byte-code caches next to the bundle; the user's data lives elsewhere
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
