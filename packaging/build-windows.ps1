<#
.SYNOPSIS
  生成明镜的 Windows 单文件夹版本 dist\mingjing\（mingjing.exe），
  装有 Inno Setup 6.3 或更高版本时再生成按用户安装的安装包 dist\mingjing-<版本>-setup.exe。

.DESCRIPTION
  在一台能上网（能访问 PyPI）的 64 位 Windows 10/11 上运行，装好 python.org 的
  64 位 Python 3.11 或更高版本（不要用 Microsoft Store 版）。脚本会：
    1. 在 build\venv-win 建立打包用虚拟环境，安装明镜的依赖和 PyInstaller；
    2. 用 packaging\mingjing.spec 生成 dist\mingjing\；
    3. 用 packaging\check_bundle.py 检查应有的文件都在、不该有的都不在；
    4. （-Smoke）离屏运行一次 mingjing.exe --smoke-test，确认能加载素材并导出 Word；
    5. 找到 Inno Setup 的 ISCC.exe 时，用 packaging\mingjing.iss 生成安装包。
  生成的文件夹和安装包可复制到不联网的电脑上使用。

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1 -Smoke
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1 -Python C:\Python311\python.exe -NoInstaller
#>
param(
    [string]$Python = "",   # 用哪个 Python 建立虚拟环境（默认：py -3，再找 python）
    [switch]$NoInstaller,   # 只生成 dist\mingjing\，不生成安装包
    [switch]$Smoke          # 生成后离屏自检一次
)

$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Fail([string]$Message) {
    Write-Host "错误：$Message" -ForegroundColor Red
    exit 1
}

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { Fail "$Exe $($Arguments -join ' ') 失败（退出码 $LASTEXITCODE）" }
}

# --- 1. Python and the build environment -----------------------------------------------------
if (-not $Python) {
    if (Get-Command py -ErrorAction SilentlyContinue) {
        $Python = (& py -3 -c "import sys; print(sys.executable)").Trim()
    } elseif (Get-Command python -ErrorAction SilentlyContinue) {
        $Python = (Get-Command python).Source
    } else {
        Fail "没有找到 Python。请从 python.org 安装 64 位 Python 3.11 或更高版本。"
    }
}
$check = & $Python -c "import sys, struct; print(sys.version_info >= (3, 11) and struct.calcsize('P') == 8)"
if ($LASTEXITCODE -ne 0 -or $check.Trim() -ne "True") {
    Fail "$Python 不是 64 位 Python 3.11 或更高版本。"
}

$Venv = Join-Path $Root "build\venv-win"
$VenvPy = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPy)) {
    Write-Host "==> 创建打包用虚拟环境 build\venv-win"
    Invoke-Checked $Python @("-m", "venv", $Venv)
}
$Stamp = Join-Path $Venv ".mingjing-build-installed"
$Want = (Get-FileHash -Algorithm SHA256 (Join-Path $Root "pyproject.toml")).Hash
if (-not (Test-Path $Stamp) -or (Get-Content $Stamp -Raw).Trim() -ne $Want) {
    Write-Host "==> 安装依赖和 PyInstaller"
    Invoke-Checked $VenvPy @("-m", "pip", "install", "-q", "--upgrade", "pip")
    Invoke-Checked $VenvPy @("-m", "pip", "install", "-q", ".[build]")
    Set-Content -Path $Stamp -Value $Want -Encoding ascii
}
$Version = (& $VenvPy -c "import app; print(app.__version__)").Trim()

# --- 2-3. PyInstaller and the bundle check -----------------------------------------------------
Write-Host "==> 预建缓存（jieba 词典、素材分词、拼音）→ resources\cache\"
Invoke-Checked $VenvPy @("packaging\build_caches.py")
Write-Host "==> PyInstaller：明镜 $Version → dist\mingjing\"
$Started = Get-Date
Invoke-Checked $VenvPy @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "packaging\mingjing.spec")
Invoke-Checked $VenvPy @("packaging\check_bundle.py", "dist\mingjing")
Write-Host ("==> 用时 {0:N0} 秒" -f ((Get-Date) - $Started).TotalSeconds)

# --- 4. smoke test: mingjing.exe has no console, so only its exit code and the file tell ------
if ($Smoke) {
    Write-Host "==> 自检（--smoke-test，离屏）"
    $Out = Join-Path ([System.IO.Path]::GetTempPath()) "mingjing-smoke-$PID.docx"
    $env:QT_QPA_PLATFORM = "offscreen"
    try {
        $proc = Start-Process -FilePath "dist\mingjing\mingjing.exe" -PassThru `
            -ArgumentList @("--smoke-test", "`"$Out`"")
        $null = $proc.Handle  # keeps the exit code readable after the process ends
        if (-not $proc.WaitForExit(180000)) { $proc.Kill(); Fail "自检超时（3 分钟）。" }
    } finally {
        Remove-Item Env:QT_QPA_PLATFORM
    }
    if ($proc.ExitCode -ne 0 -or -not (Test-Path $Out)) {
        Fail "自检失败（退出码 $($proc.ExitCode)）。"
    }
    Write-Host "    自检通过：已导出 $Out（$((Get-Item $Out).Length) 字节）"
    Remove-Item $Out
}

# --- 5. the installer ----------------------------------------------------------------------------
if ($NoInstaller) { exit 0 }
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    $Candidates = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    )
    $Iscc = $Candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) {
    Write-Host "没有找到 Inno Setup 6（ISCC.exe），只生成了 dist\mingjing\。" -ForegroundColor Yellow
    Write-Host "安装 Inno Setup 6.3 或更高版本后重新运行本脚本即可生成安装包。"
    exit 0
}
Write-Host "==> Inno Setup：dist\mingjing-$Version-setup.exe"
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DSourceDir=$Root\dist\mingjing",
    "/DOutputDir=$Root\dist", "packaging\mingjing.iss")
Write-Host "==> 完成：dist\mingjing-$Version-setup.exe"
