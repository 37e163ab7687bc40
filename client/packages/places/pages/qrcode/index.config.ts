export default definePageConfig({
  navigationBarTitleText: '点位二维码',
})
