/**
 * Acronyms of machine learning and their expansions, for search: the guide writes "RAG" in one place
 * and "retrieval-augmented generation" in another, and a learner may type either. Search indexes a
 * field that holds one with the other's words too (see `aliasWords`), so each finds both.
 *
 * Keys are the acronym in lower case; each value is one or more expansions, written as the guide
 * writes them. An acronym the guide uses in more than one sense (CV: cross-validation, computer
 * vision, the curriculum vitae of the job hunt) lists each. Keep it to terms the guide uses.
 */
export const ACRONYMS: Readonly<Record<string, readonly string[]>> = {
  ai: ['artificial intelligence'],
  ml: ['machine learning'],
  dl: ['deep learning'],
  llm: ['large language model'],
  rag: ['retrieval-augmented generation'],
  nlp: ['natural language processing'],
  cv: ['cross-validation', 'computer vision', 'curriculum vitae'],
  ci: ['continuous integration'],
  cd: ['continuous delivery', 'continuous deployment'],
  pca: ['principal component analysis'],
  svm: ['support vector machine'],
  svd: ['singular value decomposition'],
  sgd: ['stochastic gradient descent'],
  rmse: ['root mean squared error', 'root mean square error'],
  mae: ['mean absolute error'],
  mse: ['mean squared error'],
  auc: ['area under the curve'],
  roc: ['receiver operating characteristic'],
  idf: ['inverse document frequency'],
  api: ['application programming interface'],
  sql: ['structured query language'],
  gpu: ['graphics processing unit'],
  cpu: ['central processing unit'],
  cnn: ['convolutional neural network'],
  dqn: ['deep q-network'],
  lora: ['low-rank adaptation'],
  peft: ['parameter-efficient fine-tuning'],
  gpt: ['generative pre-trained transformer'],
  shap: ['shapley additive explanations'],
  mlops: ['machine learning operations'],
  udf: ['user-defined function'],
  psi: ['population stability index'],
  ndcg: ['normalized discounted cumulative gain'],
  onnx: ['open neural network exchange'],
  dvc: ['data version control'],
  csv: ['comma-separated values'],
  aws: ['amazon web services'],
};
