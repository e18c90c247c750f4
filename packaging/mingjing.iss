; 明镜 —— Inno Setup 安装脚本：按用户安装，不需要管理员权限。
;
; 由 packaging\build-windows.ps1 调用（先生成 dist\mingjing\）：
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=...\dist\mingjing /DOutputDir=...\dist packaging\mingjing.iss
; 需要 Inno Setup 6.3 或更高版本。本文件须保存为带 BOM 的 UTF-8。
;
; - 装到 %LOCALAPPDATA%\Programs\Mingjing（PrivilegesRequired=lowest，不弹 UAC）；
; - 开始菜单快捷方式“明镜”，桌面快捷方式可选；在“应用和功能”中可卸载；
; - 只支持 64 位 Windows 10 1809（10.0.17763）及以上和 Windows 11：Qt 6 的最低要求；
; - 升级时先删掉旧版本的 _internal 文件夹，避免旧文件残留；
; - 卸载不删除用户数据（%LOCALAPPDATA%\mingjing：设置、素材库、自动保存）和用户的文稿；
; - 向导界面为简体中文：Inno Setup 的 Languages 文件夹里有 ChineseSimplified.isl 时用它，
;   否则用英文的 Default.isl 加下面 [Messages] 中的中文译文（覆盖本安装程序会出现的全部界面）。

#if Ver < EncodeVer(6, 3, 0)
  #error 需要 Inno Setup 6.3 或更高版本
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\mingjing"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif
#define AppName "明镜"
#define AppExe "mingjing.exe"
#define ChineseIsl AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"

[Setup]
AppId={{3A34C145-6336-4DD8-B71F-EE5FFC636F1F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=明镜
AppComments=对照检查材料写作助手（离线）
VersionInfoVersion={#AppVersion}
VersionInfoDescription={#AppName} 安装程序
DefaultDirName={localappdata}\Programs\Mingjing
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=mingjing-{#AppVersion}-setup
SetupIconFile=windows\mingjing.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes
RestartApplications=no

[Languages]
#if FileExists(ChineseIsl)
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chs"; MessagesFile: "compiler:Default.isl"
#endif

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式(&D)"; GroupDescription: "快捷方式："; Flags: unchecked

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "对照检查材料写作助手"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "现在打开明镜"; Flags: nowait postinstall skipifsilent

#if !FileExists(ChineseIsl)
[LangOptions]
LanguageName=简体中文
LanguageID=$0804

; Only messages that every Inno Setup 6.1+ version knows, and that this installer can show.
[Messages]
SetupAppTitle=安装
SetupWindowTitle=安装 - %1
UninstallAppTitle=卸载
UninstallAppFullTitle=%1 卸载
ConfirmTitle=确认
ErrorTitle=错误
InformationTitle=信息
SetupLdrStartupMessage=现在将安装 %1。要继续吗？
LdrCannotCreateTemp=无法创建临时文件，安装已中止。
LdrCannotExecTemp=无法运行临时文件夹中的文件，安装已中止。
SetupAlreadyRunning=安装程序已经在运行。
WindowsVersionNotSupported=本程序不支持您电脑上的 Windows 版本。
WinVersionTooLowError=本程序需要 %1 %2 或更高版本（Windows 10 1809 或 Windows 11）。
WinVersionTooHighError=本程序不能安装在 %1 %2 或更高版本上。
OnlyOnTheseArchitectures=本程序只能安装在以下处理器架构的 Windows 上：%n%n%1
ExitSetupTitle=退出安装
ExitSetupMessage=安装尚未完成。现在退出，程序将不会被安装。%n%n以后可以再次运行安装程序完成安装。%n%n确定退出吗？
AboutSetupMenuItem=关于安装程序(&A)…
AboutSetupTitle=关于安装程序
ButtonBack=< 上一步(&B)
ButtonNext=下一步(&N) >
ButtonInstall=安装(&I)
ButtonOK=确定
ButtonCancel=取消
ButtonYes=是(&Y)
ButtonYesToAll=全部是(&A)
ButtonNo=否(&N)
ButtonNoToAll=全部否(&O)
ButtonFinish=完成(&F)
ButtonBrowse=浏览(&B)…
ButtonWizardBrowse=浏览(&R)…
ButtonNewFolder=新建文件夹(&M)
BrowseDialogTitle=浏览文件夹
BrowseDialogLabel=在下面的列表中选择一个文件夹，然后单击“确定”。
NewFolderName=新建文件夹
ClickNext=单击“下一步”继续，或单击“取消”退出安装程序。
WelcomeLabel1=欢迎使用 [name] 安装向导
WelcomeLabel2=现在将在您的电脑上安装 [name/ver]。%n%n只安装到您自己的用户文件夹，不需要管理员权限，也不连接网络。%n%n建议在继续之前关闭其他正在运行的程序。
WizardSelectDir=选择安装位置
SelectDirDesc=[name] 要安装到哪里？
SelectDirLabel3=安装程序将把 [name] 安装到下面的文件夹。
SelectDirBrowseLabel=单击“下一步”继续。如果要换一个文件夹，请单击“浏览”。
DiskSpaceGBLabel=至少需要 [gb] GB 可用磁盘空间。
DiskSpaceMBLabel=至少需要 [mb] MB 可用磁盘空间。
CannotInstallToNetworkDrive=不能安装到网络驱动器。
CannotInstallToUNCPath=不能安装到 UNC 路径。
InvalidPath=请输入带驱动器号的完整路径，例如：%n%nC:\APP%n%n或 UNC 路径，例如：%n%n\\server\share
InvalidDrive=所选的驱动器或 UNC 共享不存在或无法访问，请另选一个。
DiskSpaceWarningTitle=磁盘空间不足
DiskSpaceWarning=安装至少需要 %1 KB 可用空间，但所选驱动器只有 %2 KB。%n%n仍要继续吗？
DirNameTooLong=文件夹名称或路径太长。
InvalidDirName=文件夹名称无效。
BadDirName32=文件夹名称不能包含下列字符：%n%n%1
DirExistsTitle=文件夹已存在
DirExists=文件夹：%n%n%1%n%n已经存在。仍要安装到这个文件夹吗？
DirDoesntExistTitle=文件夹不存在
DirDoesntExist=文件夹：%n%n%1%n%n不存在。要创建它吗？
WizardSelectTasks=选择附加任务
SelectTasksDesc=要执行哪些附加任务？
SelectTasksLabel2=选择安装 [name] 时要执行的附加任务，然后单击“下一步”。
WizardReady=准备安装
ReadyLabel1=安装程序已准备好在您的电脑上安装 [name]。
ReadyLabel2a=单击“安装”开始安装；要查看或修改设置，请单击“上一步”。
ReadyLabel2b=单击“安装”开始安装。
ReadyMemoDir=安装位置：
ReadyMemoTasks=附加任务：
WizardPreparing=正在准备安装
PreparingDesc=安装程序正在准备在您的电脑上安装 [name]。
PreviousInstallNotCompleted=上一个程序的安装或卸载尚未完成，需要重新启动电脑才能完成。%n%n重新启动后，请再次运行安装程序来安装 [name]。
CannotContinue=安装无法继续。请单击“取消”退出。
ApplicationsFound=下列程序正在使用需要更新的文件。建议让安装程序自动关闭这些程序。
ApplicationsFound2=下列程序正在使用需要更新的文件。建议让安装程序自动关闭这些程序。安装完成后，安装程序会尝试重新打开它们。
CloseApplications=自动关闭这些程序(&A)
DontCloseApplications=不关闭这些程序(&D)
ErrorCloseApplications=安装程序无法自动关闭所有程序。建议先关闭所有正在使用需要更新的文件的程序，再继续安装。
WizardInstalling=正在安装
InstallingLabel=正在您的电脑上安装 [name]，请稍候。
FinishedHeadingLabel=[name] 安装完成
FinishedLabelNoIcons=安装程序已在您的电脑上安装好 [name]。
FinishedLabel=安装程序已在您的电脑上安装好 [name]。可以从开始菜单中的“[name]”打开它。
ClickFinish=单击“完成”退出安装程序。
FinishedRestartLabel=要完成 [name] 的安装，需要重新启动电脑。现在重新启动吗？
FinishedRestartMessage=要完成 [name] 的安装，需要重新启动电脑。%n%n现在重新启动吗？
ShowReadmeCheck=是，我要查看自述文件
YesRadio=是，现在重新启动电脑(&Y)
NoRadio=否，稍后重新启动电脑(&N)
SetupAborted=安装没有完成。%n%n请解决问题后再次运行安装程序。
StatusClosingApplications=正在关闭程序……
StatusCreateDirs=正在创建文件夹……
StatusExtractFiles=正在复制文件……
StatusCreateIcons=正在创建快捷方式……
StatusCreateIniEntries=正在写入 INI 条目……
StatusCreateRegistryEntries=正在写入注册表项……
StatusSavingUninstall=正在保存卸载信息……
StatusRunProgram=正在完成安装……
StatusRestartingApplications=正在重新打开程序……
StatusRollback=正在撤销更改……
ErrorInternal2=内部错误：%1
ErrorFunctionFailedNoCode=%1 失败
ErrorFunctionFailed=%1 失败；代码 %2
ErrorFunctionFailedWithMessage=%1 失败；代码 %2。%n%3
ErrorExecutingProgram=无法运行文件：%n%1
ErrorCreatingDir=安装程序无法创建文件夹“%1”
ErrorTooManyFilesInDir=无法在文件夹“%1”中创建文件，因为其中的文件太多
ErrorReadingExistingDest=读取已有文件时出错：
ErrorReadingSource=读取源文件时出错：
ErrorCopying=复制文件时出错：
ErrorReplacingExistingFile=替换已有文件时出错：
ErrorRestartReplace=重启后替换失败：
ErrorRenamingTemp=重命名目标文件夹中的文件时出错：
ErrorRegisterServer=无法注册 DLL/OCX：%1
ErrorChangingAttr=更改已有文件的属性时出错：
ErrorOpeningReadme=打开自述文件时出错。
ErrorRestartingComputer=安装程序无法重新启动电脑，请手动重新启动。
UninstallNotFound=文件“%1”不存在，无法卸载。
UninstallOpenError=无法打开文件“%1”，无法卸载
UninstallUnsupportedVer=卸载日志文件“%1”的格式不能被此版本的卸载程序识别，无法卸载
UninstallUnknownEntry=卸载日志中有未知条目（%1）
ConfirmUninstall=确定要卸载 %1 吗？%n%n您的文稿、设置和素材库不会被删除。
UninstallOnlyOnWin64=只能在 64 位 Windows 上卸载本程序。
OnlyAdminCanUninstall=只有具有管理员权限的用户才能卸载本程序。
UninstallStatusLabel=正在从您的电脑上卸载 %1，请稍候。
UninstalledAll=已从您的电脑上卸载 %1。
UninstalledMost=%1 卸载完成。%n%n有些项目无法删除，可以手动删除。
UninstalledAndNeedsRestart=要完成 %1 的卸载，需要重新启动电脑。%n%n现在重新启动吗？
UninstallDataCorrupted=文件“%1”已损坏，无法卸载
WizardUninstalling=卸载状态
StatusUninstalling=正在卸载 %1……
ConfirmDeleteSharedFileTitle=删除共享文件？
ConfirmDeleteSharedFile2=系统显示下列共享文件已不再被任何程序使用。要删除它吗？%n%n如果还有程序在使用它，删除后这些程序可能无法正常工作。不确定时请选择“否”，保留它不会有害处。
SharedFileNameLabel=文件名：
SharedFileLocationLabel=位置：
#endif
