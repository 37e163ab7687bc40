export default definePageConfig({
  navigationBarTitleText: '登记身份证号',
})
