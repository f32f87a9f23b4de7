import * as sdk from "microsoft-cognitiveservices-speech-sdk";

// Reads answers aloud. Key from the Speech resource's "Keys and Endpoint" page.
export function createSynthesizer(): sdk.SpeechSynthesizer {
  const speechConfig = sdk.SpeechConfig.fromSubscription(process.env.SPEECH_KEY ?? "", "westeurope");
  speechConfig.speechSynthesisVoiceName = "en-US-AvaMultilingualNeural";
  return new sdk.SpeechSynthesizer(speechConfig);
}
