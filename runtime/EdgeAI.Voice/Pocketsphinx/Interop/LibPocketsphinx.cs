using System.Runtime.InteropServices;

namespace EdgeAI.Voice.Pocketsphinx.Interop;

/// <summary>
/// The parts of pocketsphinx 0.8 (libpocketsphinx.so.3, Debian's libpocketsphinx3) and sphinxbase
/// (libsphinxbase.so.3) the decoder uses. Signatures are those of Debian's 0.8+5prealpha: no utterance ids.
/// </summary>
internal static unsafe partial class LibPocketsphinx
{
    public const string Lib = "libpocketsphinx.so.3";
    public const string SphinxBase = "libsphinxbase.so.3";

    [LibraryImport(Lib)] public static partial nint ps_args();
    [LibraryImport(Lib)] public static partial nint ps_init(SafeConfigHandle config);
    [LibraryImport(Lib)] public static partial int ps_free(nint decoder);
    [LibraryImport(Lib)] public static partial nint ps_get_logmath(SafeDecoderHandle decoder);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_add_word(SafeDecoderHandle decoder, string word, string phones, int update);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial byte* ps_lookup_word(SafeDecoderHandle decoder, string word);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_jsgf_string(SafeDecoderHandle decoder, string name, string jsgf);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_jsgf_file(SafeDecoderHandle decoder, string name, string path);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_keyphrase(SafeDecoderHandle decoder, string name, string keyphrase);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_kws(SafeDecoderHandle decoder, string name, string keyfile);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_lm_file(SafeDecoderHandle decoder, string name, string path);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_search(SafeDecoderHandle decoder, string name);
    [LibraryImport(Lib)] public static partial byte* ps_get_search(SafeDecoderHandle decoder);
    [LibraryImport(Lib)] public static partial int ps_start_utt(SafeDecoderHandle decoder);
    [LibraryImport(Lib)]
    public static partial int ps_process_raw(SafeDecoderHandle decoder, short* data, nuint samples, int noSearch, int fullUtterance);
    [LibraryImport(Lib)] public static partial int ps_end_utt(SafeDecoderHandle decoder);
    [LibraryImport(Lib)] public static partial byte ps_get_in_speech(SafeDecoderHandle decoder);
    [LibraryImport(Lib)] public static partial byte* ps_get_hyp(SafeDecoderHandle decoder, out int bestScore);
    [LibraryImport(Lib)] public static partial int ps_get_prob(SafeDecoderHandle decoder);
    [LibraryImport(Lib)] public static partial int ps_get_n_frames(SafeDecoderHandle decoder);

    [LibraryImport(SphinxBase)]
    public static partial nint cmd_ln_parse_r(nint config, nint definitions, int argc, nint* argv, int strict);
    [LibraryImport(SphinxBase)] public static partial int cmd_ln_free_r(nint config);
    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cmd_ln_set_float_r(SafeConfigHandle config, string name, double value);
    [LibraryImport(SphinxBase)] public static partial double logmath_exp(nint logmath, int logValue);
    [LibraryImport(SphinxBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int err_set_logfile(string path);

    /// <summary>ps_lookup_word's result is the caller's to free (sphinxbase's ckd_free is free).</summary>
    [LibraryImport("libc")] public static partial void free(void* pointer);

    /// <summary>Flushes stdio streams (0: all of them), so that sphinxbase's buffered log lines reach its file.</summary>
    [LibraryImport("libc")] public static partial int fflush(nint stream);
}
