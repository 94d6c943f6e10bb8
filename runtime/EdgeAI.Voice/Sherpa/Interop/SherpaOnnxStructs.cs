using System.Runtime.InteropServices;

#pragma warning disable CS0649 // fields are written by native code or through the mirrors' field names
#pragma warning disable IDE1006 // names are c-api.h's, so the layout test can compare them by name

namespace EdgeAI.Voice.Sherpa.Interop;

// sherpa-onnx 1.13.8's c-api.h structs, field for field: char* and other pointers are nint (strings are UTF-8 owned by a
// Utf8Arena until the Create call returns: sherpa copies them), int32_t is int, float is float. SherpaLayoutTests
// compares every size and offset with gcc's on the header.

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOnlineTransducerModelConfig
{
    public nint encoder;
    public nint decoder;
    public nint joiner;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOnlineParaformerModelConfig
{
    public nint encoder;
    public nint decoder;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOnlineZipformer2CtcModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOnlineNemoCtcModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOnlineToneCtcModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOnlineModelConfig
{
    public SherpaOnnxOnlineTransducerModelConfig transducer;
    public SherpaOnnxOnlineParaformerModelConfig paraformer;
    public SherpaOnnxOnlineZipformer2CtcModelConfig zipformer2_ctc;
    public nint tokens;
    public int num_threads;
    public nint provider;
    public int debug;
    public nint model_type;
    public nint modeling_unit;
    public nint bpe_vocab;
    public nint tokens_buf;
    public int tokens_buf_size;
    public SherpaOnnxOnlineNemoCtcModelConfig nemo_ctc;
    public SherpaOnnxOnlineToneCtcModelConfig t_one_ctc;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxFeatureConfig
{
    public int sample_rate;
    public int feature_dim;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOnlineCtcFstDecoderConfig
{
    public nint graph;
    public int max_active;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxHomophoneReplacerConfig
{
    public nint dict_dir;
    public nint lexicon;
    public nint rule_fsts;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOnlineRecognizerConfig
{
    public SherpaOnnxFeatureConfig feat_config;
    public SherpaOnnxOnlineModelConfig model_config;
    public nint decoding_method;
    public int max_active_paths;
    public int enable_endpoint;
    public float rule1_min_trailing_silence;
    public float rule2_min_trailing_silence;
    public float rule3_min_utterance_length;
    public nint hotwords_file;
    public float hotwords_score;
    public SherpaOnnxOnlineCtcFstDecoderConfig ctc_fst_decoder_config;
    public nint rule_fsts;
    public nint rule_fars;
    public float blank_penalty;
    public nint hotwords_buf;
    public int hotwords_buf_size;
    public SherpaOnnxHomophoneReplacerConfig hr;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOnlineRecognizerResult
{
    public nint text;
    public nint tokens;
    public nint tokens_arr;
    public nint timestamps;
    public int count;
    public nint json;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTransducerModelConfig
{
    public nint encoder;
    public nint decoder;
    public nint joiner;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineParaformerModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineNemoEncDecCtcModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineWhisperModelConfig
{
    public nint encoder;
    public nint decoder;
    public nint language;
    public nint task;
    public int tail_paddings;
    public int enable_token_timestamps;
    public int enable_segment_timestamps;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineCanaryModelConfig
{
    public nint encoder;
    public nint decoder;
    public nint src_lang;
    public nint tgt_lang;
    public int use_pnc;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineCohereTranscribeModelConfig
{
    public nint encoder;
    public nint decoder;
    public nint language;
    public int use_punct;
    public int use_itn;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineFireRedAsrModelConfig
{
    public nint encoder;
    public nint decoder;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineFireRedAsrCtcModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineMoonshineModelConfig
{
    public nint preprocessor;
    public nint encoder;
    public nint uncached_decoder;
    public nint cached_decoder;
    public nint merged_decoder;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTdnnModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineLMConfig
{
    public nint model;
    public float scale;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineSenseVoiceModelConfig
{
    public nint model;
    public nint language;
    public int use_itn;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineDolphinModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineZipformerCtcModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineWenetCtcModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineOmnilingualAsrCtcModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineFunASRNanoModelConfig
{
    public nint encoder_adaptor;
    public nint llm;
    public nint embedding;
    public nint tokenizer;
    public nint system_prompt;
    public nint user_prompt;
    public int max_new_tokens;
    public float temperature;
    public float top_p;
    public int seed;
    public nint language;
    public int itn;
    public nint hotwords;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineQwen3ASRModelConfig
{
    public nint conv_frontend;
    public nint encoder;
    public nint decoder;
    public nint tokenizer;
    public int max_total_len;
    public int max_new_tokens;
    public float temperature;
    public float top_p;
    public int seed;
    public nint hotwords;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineMedAsrCtcModelConfig
{
    public nint model;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineModelConfig
{
    public SherpaOnnxOfflineTransducerModelConfig transducer;
    public SherpaOnnxOfflineParaformerModelConfig paraformer;
    public SherpaOnnxOfflineNemoEncDecCtcModelConfig nemo_ctc;
    public SherpaOnnxOfflineWhisperModelConfig whisper;
    public SherpaOnnxOfflineTdnnModelConfig tdnn;
    public nint tokens;
    public int num_threads;
    public int debug;
    public nint provider;
    public nint model_type;
    public nint modeling_unit;
    public nint bpe_vocab;
    public nint telespeech_ctc;
    public SherpaOnnxOfflineSenseVoiceModelConfig sense_voice;
    public SherpaOnnxOfflineMoonshineModelConfig moonshine;
    public SherpaOnnxOfflineFireRedAsrModelConfig fire_red_asr;
    public SherpaOnnxOfflineDolphinModelConfig dolphin;
    public SherpaOnnxOfflineZipformerCtcModelConfig zipformer_ctc;
    public SherpaOnnxOfflineCanaryModelConfig canary;
    public SherpaOnnxOfflineWenetCtcModelConfig wenet_ctc;
    public SherpaOnnxOfflineOmnilingualAsrCtcModelConfig omnilingual;
    public SherpaOnnxOfflineMedAsrCtcModelConfig medasr;
    public SherpaOnnxOfflineFunASRNanoModelConfig funasr_nano;
    public SherpaOnnxOfflineFireRedAsrCtcModelConfig fire_red_asr_ctc;
    public SherpaOnnxOfflineQwen3ASRModelConfig qwen3_asr;
    public SherpaOnnxOfflineCohereTranscribeModelConfig cohere_transcribe;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineRecognizerConfig
{
    public SherpaOnnxFeatureConfig feat_config;
    public SherpaOnnxOfflineModelConfig model_config;
    public SherpaOnnxOfflineLMConfig lm_config;
    public nint decoding_method;
    public int max_active_paths;
    public nint hotwords_file;
    public float hotwords_score;
    public nint rule_fsts;
    public nint rule_fars;
    public float blank_penalty;
    public SherpaOnnxHomophoneReplacerConfig hr;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineRecognizerResult
{
    public nint text;
    public nint timestamps;
    public int count;
    public nint tokens;
    public nint tokens_arr;
    public nint json;
    public nint lang;
    public nint emotion;
    public nint @event;
    public nint durations;
    public nint ys_log_probs;
    public nint segment_timestamps;
    public nint segment_durations;
    public nint segment_texts;
    public nint segment_texts_arr;
    public int segment_count;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxKeywordResult
{
    public nint keyword;
    public nint tokens;
    public nint tokens_arr;
    public int count;
    public nint timestamps;
    public float start_time;
    public nint json;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxKeywordSpotterConfig
{
    public SherpaOnnxFeatureConfig feat_config;
    public SherpaOnnxOnlineModelConfig model_config;
    public int max_active_paths;
    public int num_trailing_blanks;
    public float keywords_score;
    public float keywords_threshold;
    public nint keywords_file;
    public nint keywords_buf;
    public int keywords_buf_size;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxSileroVadModelConfig
{
    public nint model;
    public float threshold;
    public float min_silence_duration;
    public float min_speech_duration;
    public int window_size;
    public float max_speech_duration;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxTenVadModelConfig
{
    public nint model;
    public float threshold;
    public float min_silence_duration;
    public float min_speech_duration;
    public int window_size;
    public float max_speech_duration;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxVadModelConfig
{
    public SherpaOnnxSileroVadModelConfig silero_vad;
    public int sample_rate;
    public int num_threads;
    public nint provider;
    public int debug;
    public SherpaOnnxTenVadModelConfig ten_vad;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxSpeechSegment
{
    public int start;
    public nint samples;
    public int n;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTtsVitsModelConfig
{
    public nint model;
    public nint lexicon;
    public nint tokens;
    public nint data_dir;
    public float noise_scale;
    public float noise_scale_w;
    public float length_scale;
    public nint dict_dir;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTtsMatchaModelConfig
{
    public nint acoustic_model;
    public nint vocoder;
    public nint lexicon;
    public nint tokens;
    public nint data_dir;
    public float noise_scale;
    public float length_scale;
    public nint dict_dir;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTtsKokoroModelConfig
{
    public nint model;
    public nint voices;
    public nint tokens;
    public nint data_dir;
    public float length_scale;
    public nint dict_dir;
    public nint lexicon;
    public nint lang;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTtsKittenModelConfig
{
    public nint model;
    public nint voices;
    public nint tokens;
    public nint data_dir;
    public float length_scale;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTtsZipvoiceModelConfig
{
    public nint tokens;
    public nint encoder;
    public nint decoder;
    public nint vocoder;
    public nint data_dir;
    public nint lexicon;
    public float feat_scale;
    public float t_shift;
    public float target_rms;
    public float guidance_scale;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTtsPocketModelConfig
{
    public nint lm_flow;
    public nint lm_main;
    public nint encoder;
    public nint decoder;
    public nint text_conditioner;
    public nint vocab_json;
    public nint token_scores_json;
    public int voice_embedding_cache_capacity;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTtsSupertonicModelConfig
{
    public nint duration_predictor;
    public nint text_encoder;
    public nint vector_estimator;
    public nint vocoder;
    public nint tts_json;
    public nint unicode_indexer;
    public nint voice_style;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTtsModelConfig
{
    public SherpaOnnxOfflineTtsVitsModelConfig vits;
    public int num_threads;
    public int debug;
    public nint provider;
    public SherpaOnnxOfflineTtsMatchaModelConfig matcha;
    public SherpaOnnxOfflineTtsKokoroModelConfig kokoro;
    public SherpaOnnxOfflineTtsKittenModelConfig kitten;
    public SherpaOnnxOfflineTtsZipvoiceModelConfig zipvoice;
    public SherpaOnnxOfflineTtsPocketModelConfig pocket;
    public SherpaOnnxOfflineTtsSupertonicModelConfig supertonic;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxOfflineTtsConfig
{
    public SherpaOnnxOfflineTtsModelConfig model;
    public nint rule_fsts;
    public int max_num_sentences;
    public nint rule_fars;
    public float silence_scale;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SherpaOnnxGeneratedAudio
{
    public nint samples;
    public int n;
    public int sample_rate;
}
