; TAVYONIX for Windows x64: the installer script. installer/build.py runs
;     makensis -DVERSION=.. -DVIVERSION=.. -DSTAGE=.. -DOUTFILE=.. -DPYDLL=.. -DDISTINFO=..
;              -DCOMPILE_ON_INSTALL=0|1 [-DAUMID=..] [-DSIGN_CMD=..] tavyonix.nsi
; on the folder it assembled (STAGE). See docs/installer.md.
;
; Command line (all optional):
;   /S                  silent
;   /CurrentUser        install for this Windows user only (the default; no administrator needed)
;   /AllUsers           install for everyone on the PC, under Program Files (needs administrator)
;   /NoDesktopShortcut  no desktop shortcut
;   /D=C:\Some\Folder   install folder (must be the last argument)
; Uninstaller: uninstall.exe [/S] [/REMOVEDATA]  (the shop data is kept unless /REMOVEDATA or the box is ticked)

Unicode true
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS all
RequestExecutionLevel user
!ifdef FAST_COMPRESSION
  SetCompressor /FINAL zlib  ; quick test builds (the smoke test's stand-in previous release)
!else
  SetCompressor /SOLID /FINAL lzma
  SetCompressorDictSize 64
!endif

!ifndef VERSION | VIVERSION | STAGE | OUTFILE | PYDLL | DISTINFO | COMPILE_ON_INSTALL
  !error "run installer/build, which defines VERSION, VIVERSION, STAGE, OUTFILE, PYDLL, DISTINFO, COMPILE_ON_INSTALL"
!endif
!ifdef SIGN_CMD
  !finalize '${SIGN_CMD} "%1"'
  !uninstfinalize '${SIGN_CMD} "%1"'
!endif

!define APP "TAVYONIX"
!define PUBLISHER "TAVYONIX"
!define FOLDER "Tavyonix"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Tavyonix"
!define LAUNCH_EXE "$INSTDIR\Python\pythonw.exe"
!define LAUNCH_ARGS '"$INSTDIR\tavyonix.pyw"'
!define ERROR_ELEVATION_REQUIRED 740

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
BrandingText "${APP} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${VIVERSION}"
VIFileVersion "${VIVERSION}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include nsDialogs.nsh
!include x64.nsh
!include WinVer.nsh

Var AllUsers        ; 1: for everyone (HKLM, Program Files); 0: this user (HKCU, %LOCALAPPDATA%\Programs)
Var ModeGiven       ; 1: /AllUsers or /CurrentUser was on the command line
Var CmdLineDir      ; /D=... if given
Var Upgrade         ; 1: an earlier install was found in this mode
Var OldVersion
Var NoDesktop
Var RemoveData
Var RadioMe
Var RadioAll
Var DataBox
Var UserData      ; this user's data folder (%LOCALAPPDATA%\Tavyonix)

!define MUI_ICON "${STAGE}\tavyonix.ico"
!define MUI_UNICON "${STAGE}\tavyonix.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEFINISHPAGE_BITMAP "welcome.bmp"   ; 164x314, the app's icon on its teal (installer/welcome.bmp)
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "welcome.bmp"
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP} ${VERSION}, the shop's operating system, on this PC.$\r$\n$\r$\nYour shops, sales and backups are kept in your own user folder, not where the program is installed, so installing a newer version keeps them.$\r$\n$\r$\nClick Next to continue."
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP} now"
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchApp

!insertmacro MUI_PAGE_WELCOME
Page custom ModePage ModePageLeave
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipDirOnUpgrade
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; ---------------------------------------------------------------------------------------------
; The app's Windows identity on its shortcuts, so that the taskbar groups its window under the
; shortcut (name, icon, "pin to taskbar" pins the shortcut, not pythonw.exe). The app sets the same
; AppUserModelID in code (app/ui/icon.py). $R0 = the .lnk. Any failure leaves the shortcut as it is.
!macro SetShortcutAppId LNK
  !ifdef AUMID
    Push $R0
    StrCpy $R0 "${LNK}"
    Call SetShortcutAppId
    Pop $R0
  !endif
!macroend

!ifdef AUMID
Function SetShortcutAppId
  Push $0
  Push $1
  Push $2
  Push $3
  Push $4
  Push $5
  ; IPersistFile of a ShellLink object
  System::Call 'ole32::CoCreateInstance(g "{00021401-0000-0000-C000-000000000046}", p 0, i 1, g "{0000010b-0000-0000-C000-000000000046}", *p .r1) i .r0'
  ${If} $0 = 0
    System::Call '$1->5(w R0, i 2) i .r0'                                   ; Load(lnk, STGM_READWRITE)
    ${If} $0 = 0
      System::Call '$1->0(g "{886D8EEB-8CF2-4446-8D02-CDBA1DBDCF99}", *p .r2) i .r0' ; QueryInterface(IPropertyStore)
      ${If} $0 = 0
        System::Call '*(&g16 "{9F4C2855-9F79-4B39-A8D0-E1D42DE1D5F3}", i 5) p .r3'  ; PKEY_AppUserModel_ID
        System::Call '*(&w128 "${AUMID}") p .r4'
        System::Call '*(&i2 31, &i2 0, &i2 0, &i2 0, p r4, p 0) p .r5'              ; PROPVARIANT VT_LPWSTR
        System::Call '$2->6(p r3, p r5) i .r0'                               ; SetValue
        ${If} $0 = 0
          System::Call '$2->7() i .r0'                                       ; Commit
        ${EndIf}
        System::Free $5
        System::Free $4
        System::Free $3
        System::Call '$2->2()'                                               ; Release
        ${If} $0 = 0
          System::Call '$1->6(p 0, i 1) i .r0'                               ; Save(NULL, TRUE)
        ${EndIf}
      ${EndIf}
    ${EndIf}
    System::Call '$1->2()'                                                   ; Release
  ${EndIf}
  ${IfNot} $0 = 0
    DetailPrint "Could not set the app id on $R0 ($0)"
  ${EndIf}
  Pop $5
  Pop $4
  Pop $3
  Pop $2
  Pop $1
  Pop $0
FunctionEnd
!endif

; ---------------------------------------------------------------------------------------------
; Install mode and folder
Function ApplyMode
  ${If} $AllUsers = 1
    SetShellVarContext all
    ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
    ReadRegStr $OldVersion HKLM "${UNINST_KEY}" "DisplayVersion"
    StrCpy $1 "$PROGRAMFILES64\${FOLDER}"
  ${Else}
    SetShellVarContext current
    ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
    ReadRegStr $OldVersion HKCU "${UNINST_KEY}" "DisplayVersion"
    StrCpy $1 "$LOCALAPPDATA\Programs\${FOLDER}"
  ${EndIf}
  StrCpy $Upgrade 0
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\*.*"
    StrCpy $Upgrade 1
    StrCpy $1 $0
  ${EndIf}
  ${If} $CmdLineDir != ""
    StrCpy $INSTDIR $CmdLineDir
  ${Else}
    StrCpy $INSTDIR $1
  ${EndIf}
FunctionEnd

Function IsAdmin ; pushes 1 when this process runs with administrator rights
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 == "admin"
    Push 1
  ${Else}
    Push 0
  ${EndIf}
FunctionEnd

Function .onInit
  StrCpy $CmdLineDir $INSTDIR   ; set by /D=, else empty (no InstallDir)
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APP} needs 64-bit Windows 10 or 11." /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${APP} needs Windows 10 or 11." /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
  SetRegView 64
  StrCpy $AllUsers 0
  StrCpy $ModeGiven 0
  StrCpy $NoDesktop 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AllUsers" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
    StrCpy $ModeGiven 1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/CurrentUser" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 0
    StrCpy $ModeGiven 1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/NoDesktopShortcut" $R1
  ${IfNot} ${Errors}
    StrCpy $NoDesktop 1
  ${EndIf}
  ; Upgrading an install for everyone (and none for this user): stay in that mode.
  ${If} $ModeGiven = 0
    ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
    ReadRegStr $1 HKCU "${UNINST_KEY}" "InstallLocation"
    ${If} $0 != ""
    ${AndIf} $1 == ""
      StrCpy $AllUsers 1
      StrCpy $ModeGiven 1
    ${EndIf}
  ${EndIf}
  ${If} $AllUsers = 1
    Call IsAdmin
    Pop $0
    ${If} $0 = 0
      ${If} ${Silent}
        ; silent deployments for everyone must be started from an administrator prompt
        SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
        Quit
      ${EndIf}
      ; for everyone (asked for, or an earlier install for everyone is being upgraded): start again with
      ; administrator rights (Windows asks) and close this one
      ClearErrors
      ExecShell "runas" "$EXEPATH" "$R0 /AllUsers"
      ${If} ${Errors}
        MessageBox MB_OK|MB_ICONEXCLAMATION "${APP} is installed for everyone on this PC, so only an administrator can install or upgrade it."
        SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
      ${EndIf}
      Quit
    ${EndIf}
  ${EndIf}
  Call ApplyMode
FunctionEnd

Function ModePage
  ${If} $ModeGiven = 1
  ${OrIf} $Upgrade = 1
    Abort ; nothing to choose
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "Who uses ${APP} on this PC?" "Choose how to install ${APP}."
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 24u "Most shops need only the first choice. Installing for everyone needs an administrator's permission."
  Pop $0
  ${NSD_CreateRadioButton} 10u 34u 100% 14u "Only for me (recommended)"
  Pop $RadioMe
  ${NSD_CreateRadioButton} 10u 54u 100% 14u "For everyone who uses this PC (needs administrator)"
  Pop $RadioAll
  ${If} $AllUsers = 1
    ${NSD_Check} $RadioAll
  ${Else}
    ${NSD_Check} $RadioMe
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function ModePageLeave
  ${NSD_GetState} $RadioAll $0
  ${If} $0 = ${BST_CHECKED}
    Call IsAdmin
    Pop $1
    ${If} $1 = 0
      ; start this setup again with administrator rights (Windows asks), and close this one
      ClearErrors
      ExecShell "runas" "$EXEPATH" "/AllUsers"
      ${If} ${Errors}
        MessageBox MB_OK|MB_ICONEXCLAMATION "Without an administrator's permission ${APP} can be installed only for you."
        Abort
      ${EndIf}
      Quit
    ${EndIf}
    StrCpy $AllUsers 1
  ${Else}
    StrCpy $AllUsers 0
  ${EndIf}
  Call ApplyMode
FunctionEnd

Function SkipDirOnUpgrade
  ${If} $Upgrade = 1
    Abort ; an upgrade goes where the earlier version is
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------------------------------------
; The app must be closed before its files are replaced or removed: a running Python keeps its DLL
; mapped, and Windows refuses to open a mapped file for writing.
!macro CheckNotRunning UN
Function ${UN}CheckNotRunning
  ${If} ${FileExists} "$INSTDIR\Python\${PYDLL}"
    retry:
    ClearErrors
    FileOpen $0 "$INSTDIR\Python\${PYDLL}" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP} is open on this PC. Close every ${APP} window, then press Retry." /SD IDCANCEL IDRETRY retry
      SetErrorLevel 4
      Quit
    ${EndIf}
    FileClose $0
  ${EndIf}
FunctionEnd
!macroend
!insertmacro CheckNotRunning ""
!insertmacro CheckNotRunning "un."

!macro RemoveProgramFiles
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\app"
  RMDir /r "$INSTDIR\resources"
  FindFirst $0 $1 "$INSTDIR\tavyonix-*.dist-info"
  ${DoWhile} $1 != ""
    RMDir /r "$INSTDIR\$1"
    FindNext $0 $1
  ${Loop}
  FindClose $0
  Delete "$INSTDIR\tavyonix.pyw"
  Delete "$INSTDIR\sitecustomize.py"
  RMDir /r "$INSTDIR\__pycache__"
  Delete "$INSTDIR\tavyonix.ico"
  Delete "$INSTDIR\build-info.json"
!macroend

Section "${APP}" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  Call CheckNotRunning
  ${If} $Upgrade = 1
    DetailPrint "Replacing ${APP} $OldVersion with ${VERSION} (your shops and backups are not touched)"
  ${EndIf}
  ; files of the earlier version go first, so nothing it had and this one dropped is left behind
  !insertmacro RemoveProgramFiles

  File /r "${STAGE}\Python"
  File /r "${STAGE}\pkgs"
  File /r "${STAGE}\app"
  File /r "${STAGE}\resources"
  File /r "${STAGE}\${DISTINFO}"
  File "${STAGE}\tavyonix.pyw"
  File "${STAGE}\sitecustomize.py"
  File "${STAGE}\tavyonix.ico"
  File "${STAGE}\build-info.json"
  !if ${COMPILE_ON_INSTALL} = 1
    DetailPrint "Preparing the program (byte-compiling)..."
    nsExec::ExecToLog '"$INSTDIR\Python\python.exe" -m compileall -q "$INSTDIR\app" "$INSTDIR\pkgs"'
    Pop $0
  !endif

  ; shortcuts: the working folder is the install folder
  SetOutPath "$INSTDIR"
  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "${LAUNCH_EXE}" '${LAUNCH_ARGS}' "$INSTDIR\tavyonix.ico" 0 SW_SHOWNORMAL "" "${APP}: the shop's operating system"
  !insertmacro SetShortcutAppId "$SMPROGRAMS\${APP}.lnk"
  ${If} $NoDesktop = 0
    CreateShortCut "$DESKTOP\${APP}.lnk" "${LAUNCH_EXE}" '${LAUNCH_ARGS}' "$INSTDIR\tavyonix.ico" 0 SW_SHOWNORMAL "" "${APP}: the shop's operating system"
    !insertmacro SetShortcutAppId "$DESKTOP\${APP}.lnk"
  ${EndIf}

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\tavyonix.ico"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Function LaunchApp
  Exec '"${LAUNCH_EXE}" ${LAUNCH_ARGS}'
FunctionEnd

; ---------------------------------------------------------------------------------------------
; Uninstaller
Function un.onInit
  SetRegView 64
  StrCpy $RemoveData 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/REMOVEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $RemoveData 1
  ${EndIf}
  SetShellVarContext current
  StrCpy $UserData "$LOCALAPPDATA\${FOLDER}"
  ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $0 == $INSTDIR
    SetShellVarContext all
    UserInfo::GetAccountType
    Pop $1
    ${If} $1 != "admin"
      MessageBox MB_OK|MB_ICONSTOP "${APP} was installed for everyone on this PC: only an administrator can remove it." /SD IDOK
      SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
      Quit
    ${EndIf}
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "Your shop data" "Sales, items, customers and backups"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 48u "Your shops, sales and backups are in $UserData. They are kept, so a new install of ${APP} finds them again."
  Pop $0
  ${NSD_CreateCheckbox} 0 56u 100% 24u "Also delete all shop data on this PC (every shop, sale and backup). This cannot be undone."
  Pop $DataBox
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DataBox $0
  ${If} $0 = ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Delete every shop, sale and backup on this PC? This cannot be undone." IDYES +2
    Abort
    StrCpy $RemoveData 1
  ${Else}
    StrCpy $RemoveData 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Call un.CheckNotRunning
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  !insertmacro RemoveProgramFiles
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey SHCTX "${UNINST_KEY}"
  ${If} $RemoveData = 1
    RMDir /r "$UserData"
  ${EndIf}
SectionEnd
