/* TEST-ONLY stand-in for Windows' bcryptprimitives.dll (Windows 10 and 11 have it; wine 8 has no such
 * DLL).  Rust's standard library (1.78 and later) imports ProcessPrng from it, so every Rust extension
 * does: rpds-py, which jsonschema needs through referencing, fails to load without it ("DLL load failed
 * ... Module not found").  Here ProcessPrng fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), which wine has.  Never shipped in the installer. */
#include <windows.h>

typedef BOOLEAN (WINAPI *gen_random)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static gen_random gen;
    if (!gen) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        gen = advapi ? (gen_random)GetProcAddress(advapi, "SystemFunction036") : NULL;
    }
    while (len) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!gen || !gen(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
